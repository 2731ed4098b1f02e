#!/usr/bin/python3
"""kafka-python 2.0.2 against runnel-server: a producer (acks=all), then a consumer group that
reads everything, commits and closes; a new member of the same group resumes after the commit and
sees only what was produced afterwards. Prints OK on success; exits non-zero with a reason."""
import sys
import time

from kafka import KafkaConsumer, KafkaProducer

bootstrap = sys.argv[1]
topic = "python-topic"


def produce(start, count):
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", retries=5,
                             request_timeout_ms=20000)
    futures = [producer.send(topic, key=b"k%d" % i, value=b"v%d" % i,
                             headers=[("n", str(i).encode())]) for i in range(start, start + count)]
    for f in futures:
        f.get(timeout=20)
    producer.flush()
    producer.close()


def consume(expected):
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id="python-group",
                             auto_offset_reset="earliest", enable_auto_commit=False,
                             consumer_timeout_ms=1000, session_timeout_ms=10000,
                             heartbeat_interval_ms=1000)
    seen = []
    deadline = time.time() + 25
    while len(seen) < expected and time.time() < deadline:
        for message in consumer:
            seen.append((message.key, message.value, dict(message.headers)))
    consumer.commit()
    consumer.close()
    return seen


produce(0, 30)
first = consume(30)
if len(first) != 30:
    sys.exit("first consumer saw %d of 30 messages" % len(first))
if first[0][2].get("n") is None:
    sys.exit("headers lost: %r" % (first[0],))
produce(30, 10)
second = consume(10)
values = sorted(v for _, v, _ in second)
want = sorted(b"v%d" % i for i in range(30, 40))
if values != want:
    sys.exit("resumed consumer saw %r, wanted %r" % (values, want))
print("OK")
