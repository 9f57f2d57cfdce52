-- Text limits (issue 11): ids and districts hold at most 64 characters, names 200, reasons 500
-- (core.Input). A fact's key can join an id, a name and a date (an equity commitment is
-- "<fund>/<partner>@<date>", an evaluation "<enterprise>@<date>"): at most 64 + 1 + 200 + 1 + 10 = 276
-- characters (Input.MAX_FACT_KEY). These columns held keys in 200 characters, so a commitment by a partner
-- with a long name stopped the equity projection; they now hold any key the ledger accepts.
ALTER TABLE equity_movement ALTER COLUMN fact_id SET DATA TYPE VARCHAR(300);
ALTER TABLE equity_partner_movement ALTER COLUMN fact_id SET DATA TYPE VARCHAR(300);
ALTER TABLE equity_reversal ALTER COLUMN fact_id SET DATA TYPE VARCHAR(300);
ALTER TABLE equity_reversal ALTER COLUMN replaced_by SET DATA TYPE VARCHAR(300);
ALTER TABLE credit_reversal ALTER COLUMN fact_id SET DATA TYPE VARCHAR(300);
ALTER TABLE credit_reversal ALTER COLUMN replaced_by SET DATA TYPE VARCHAR(300);
