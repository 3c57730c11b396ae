-- Rows by id whatever their entity (issue 17, ADR 0028): a push loads the rows its mutations name
-- by id alone, since AUTH6 checks the household of every row that carries a mutation's id (a
-- forged entity must not hide another household's row). The primary key starts with entity, so
-- without this index each push scanned the whole table: 30 ms a push at 10,000 rows on SQLite,
-- growing with the table. Updates never change an id, so an upsert of an existing row leaves
-- this index alone.
CREATE INDEX sync_rows_id ON sync_rows (id);
