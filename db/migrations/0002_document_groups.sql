-- The catalogue's document group headings are up to ~1,800 characters (a
-- whole paragraph in some procedures, e.g. 1.014565): VARCHAR(1000) would
-- refuse them and fail the import. TEXT holds them whole.
ALTER TABLE procedure_documents MODIFY group_name TEXT NULL;
