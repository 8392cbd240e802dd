-- State secrets (Law 29/2018/QH14 art. 5(5)): a confidential document is a register entry only.
-- The service refuses files for it; this trigger makes sure no path around the service can
-- attach one, nor mark as confidential a document that already has files.
CREATE OR REPLACE FUNCTION document_files_refuse_secret() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM documents d WHERE d.id = NEW.document_id AND d.confidentiality <> 'normal') THEN
    RAISE EXCEPTION 'confidential documents hold no files' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER document_files_refuse_secret BEFORE INSERT OR UPDATE ON document_files
  FOR EACH ROW EXECUTE FUNCTION document_files_refuse_secret();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION documents_secret_without_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.confidentiality <> 'normal' AND EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = NEW.id) THEN
    RAISE EXCEPTION 'a document with files cannot be confidential' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER documents_secret_without_files BEFORE UPDATE OF confidentiality ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_secret_without_files();
