# Vitrine's English dates: day first, 24-hour clock, as the campaigns' audiences read them ("18 July 2027, 10:00").
# Input formats and the rest come from Django's own English module.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
