SELECT id, legacy_name, email FROM account WHERE id = ?;
