-- Full-text search over messages, notes and customers (FTS5, kept in step by triggers).
-- unicode61 with diacritics folded so "cafe" finds "café"; prefix indexes make as-you-type fast.
CREATE VIRTUAL TABLE message_fts USING fts5(text, content='message', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER message_fts_ai AFTER INSERT ON message BEGIN
  INSERT INTO message_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE TRIGGER message_fts_ad AFTER DELETE ON message BEGIN
  INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
--> statement-breakpoint
CREATE TRIGGER message_fts_au AFTER UPDATE OF text ON message BEGIN
  INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO message_fts(rowid, text) VALUES (new.id, new.text);
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE note_fts USING fts5(body, content='note', content_rowid='seq', tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER note_fts_ai AFTER INSERT ON note BEGIN
  INSERT INTO note_fts(rowid, body) VALUES (new.seq, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER note_fts_ad AFTER DELETE ON note BEGIN
  INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.seq, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER note_fts_au AFTER UPDATE OF body ON note BEGIN
  INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.seq, old.body);
  INSERT INTO note_fts(rowid, body) VALUES (new.seq, new.body);
END;
--> statement-breakpoint
-- Customers: name plus every identity (emails, phones, handles), one row per customer.
CREATE VIRTUAL TABLE customer_fts USING fts5(name, identities, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
--> statement-breakpoint
CREATE TRIGGER customer_fts_ai AFTER INSERT ON customer BEGIN
  INSERT INTO customer_fts(rowid, name, identities) VALUES (new.id, new.name, '');
END;
--> statement-breakpoint
CREATE TRIGGER customer_fts_au AFTER UPDATE OF name ON customer BEGIN
  UPDATE customer_fts SET name = new.name WHERE rowid = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER customer_fts_ad AFTER DELETE ON customer BEGIN
  DELETE FROM customer_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER customer_identity_fts_ai AFTER INSERT ON customer_identity BEGIN
  UPDATE customer_fts SET identities = (SELECT group_concat(value, ' ') FROM customer_identity WHERE customer_id = new.customer_id) WHERE rowid = new.customer_id;
END;
--> statement-breakpoint
CREATE TRIGGER customer_identity_fts_ad AFTER DELETE ON customer_identity BEGIN
  UPDATE customer_fts SET identities = coalesce((SELECT group_concat(value, ' ') FROM customer_identity WHERE customer_id = old.customer_id), '') WHERE rowid = old.customer_id;
END;
