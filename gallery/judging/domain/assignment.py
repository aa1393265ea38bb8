"""Who judges what: every judge every entry, or k judges per entry with balanced workloads.

Pure functions on plain data. A judge affiliated with an entry's facility or region is never assigned it.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class EntryInfo:
    id: int
    facility: int
    region: int


@dataclass(frozen=True)
class JudgeInfo:
    id: int
    facilities: frozenset = field(default_factory=frozenset)
    regions: frozenset = field(default_factory=frozenset)

    def may_judge(self, entry):
        return entry.facility not in self.facilities and entry.region not in self.regions


@dataclass
class AssignmentPlan:
    pairs: list  # (entry id, judge id)
    short: dict  # entry id -> how many judges it lacks (too few unaffiliated judges)

    def load(self):
        counts = {}
        for _, judge in self.pairs:
            counts[judge] = counts.get(judge, 0) + 1
        return counts


def assign(entries, judges, per_entry=None):
    """Plan assignments. per_entry=None: every judge scores every entry they are not affiliated with.

    With k per entry, entries with the fewest possible judges are placed first and each goes to the k
    least-loaded eligible judges, so loads end within one of each other whenever affiliations allow it.
    """
    entries = sorted(entries, key=lambda e: e.id)
    judges = sorted(judges, key=lambda j: j.id)
    if per_entry is None:
        pairs = [(entry.id, judge.id) for entry in entries for judge in judges if judge.may_judge(entry)]
        return AssignmentPlan(pairs=pairs, short={})

    load = {judge.id: 0 for judge in judges}
    eligible = {entry.id: [judge for judge in judges if judge.may_judge(entry)] for entry in entries}
    pairs, short = [], {}
    for entry in sorted(entries, key=lambda e: (len(eligible[e.id]), e.id)):
        chosen = sorted(eligible[entry.id], key=lambda judge: (load[judge.id], judge.id))[:per_entry]
        for judge in chosen:
            load[judge.id] += 1
            pairs.append((entry.id, judge.id))
        if len(chosen) < per_entry:
            short[entry.id] = per_entry - len(chosen)
    return AssignmentPlan(pairs=sorted(pairs), short=short)
