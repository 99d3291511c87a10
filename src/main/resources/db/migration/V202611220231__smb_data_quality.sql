-- smb: the data quality score (seed 000 RecalculateDataQuality weights), defined once as a SQL
-- function: a trigger keeps it current on every write, the weekly job re-applies it in bulk.
CREATE FUNCTION smb_data_quality(s smbs) RETURNS int
    LANGUAGE sql IMMUTABLE AS
$$
SELECT least(100,
      (CASE WHEN btrim(coalesce(s.business_name, '')) <> '' THEN 10 ELSE 0 END)
    + (CASE WHEN s.primary_email IS NOT NULL THEN 15 ELSE 0 END)
    + (CASE WHEN s.primary_phone IS NOT NULL THEN 15 ELSE 0 END)
    + (CASE WHEN btrim(coalesce(s.address, '')) <> '' THEN 10 ELSE 0 END)
    + (CASE WHEN btrim(coalesce(s.city, '')) <> '' THEN 10 ELSE 0 END)
    + (CASE WHEN s.state IS NOT NULL THEN 10 ELSE 0 END)
    + (CASE WHEN btrim(coalesce(s.category, '')) <> '' THEN 10 ELSE 0 END)
    + (CASE WHEN btrim(coalesce(s.business_description, '')) <> '' THEN 10 ELSE 0 END)
    + (CASE WHEN jsonb_array_length(s.products_services) > 0 THEN 10 ELSE 0 END))
$$;

CREATE FUNCTION smbs_set_data_quality() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.data_quality_score := smb_data_quality(NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER smbs_data_quality_trg
    BEFORE INSERT OR UPDATE OF business_name, primary_email, primary_phone, address, city, state, category,
        business_description, products_services, data_quality_score
    ON smbs
    FOR EACH ROW
EXECUTE FUNCTION smbs_set_data_quality();

UPDATE smbs SET data_quality_score = smb_data_quality(smbs) WHERE data_quality_score <> smb_data_quality(smbs);
