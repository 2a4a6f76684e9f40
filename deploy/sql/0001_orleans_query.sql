-- Orleans ADO.NET providers read their SQL at silo start from this table: one row per query key.
-- The providers bind parameters and read result columns by name, so every query below keeps the
-- contract of Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet 10.x exactly.
CREATE TABLE orleansquery
(
    querykey  varchar(64)   NOT NULL,
    querytext varchar(8000) NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);
