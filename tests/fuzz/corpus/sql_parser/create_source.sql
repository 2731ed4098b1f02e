CREATE OR REPLACE STREAM IF NOT EXISTS pageviews (viewtime BIGINT, userid VARCHAR KEY, `Page Id` STRING,
  loc STRUCT<lat DOUBLE, lon DOUBLE>, tags ARRAY<STRING>, attrs MAP<STRING, DECIMAL(10, 2)>, h BYTES HEADER('x'))
  WITH (KAFKA_TOPIC='pageviews', VALUE_FORMAT='JSON', PARTITIONS=3, TIMESTAMP='viewtime', WRAP_SINGLE_VALUE=false);
CREATE TABLE users (id INT PRIMARY KEY, name STRING) WITH (kafka_topic='users', format='avro');
