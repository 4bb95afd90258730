-- The internal product catalog: what GET /api/v1/products/{sku} reads. In production this schema is the shop's own
-- database, reached through the same read-only role.
CREATE SCHEMA catalog;

CREATE TABLE catalog.products (
    sku        text          PRIMARY KEY,
    name       text          NOT NULL,
    price      numeric(12,2) NOT NULL,
    currency   char(3)       NOT NULL,
    updated_at timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE catalog.inventory (
    sku        text        PRIMARY KEY REFERENCES catalog.products (sku),
    on_hand    integer     NOT NULL CHECK (on_hand >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- The hub reads the catalog as this role only: SELECT, nothing else (set on every catalog connection).
CREATE ROLE switchboard_catalog_reader NOLOGIN;
GRANT USAGE ON SCHEMA catalog TO switchboard_catalog_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA catalog TO switchboard_catalog_reader;
GRANT switchboard_catalog_reader TO CURRENT_USER;

-- A change to a product or its stock tells every listening instance to evict it from its cache.
CREATE FUNCTION catalog.notify_product_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('catalog_product_changed', COALESCE(NEW.sku, OLD.sku));
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE ON catalog.products
    FOR EACH ROW EXECUTE FUNCTION catalog.notify_product_changed();
CREATE TRIGGER inventory_changed AFTER INSERT OR UPDATE OR DELETE ON catalog.inventory
    FOR EACH ROW EXECUTE FUNCTION catalog.notify_product_changed();
