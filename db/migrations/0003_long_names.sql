-- A few procedures have names over 1,000 characters (1.013980 has 1,094).
ALTER TABLE procedures MODIFY name VARCHAR(2000) NOT NULL;
