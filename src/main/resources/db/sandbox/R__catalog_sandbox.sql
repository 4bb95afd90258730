-- Sandbox products for the local run and the tests (the local profile adds this location to Flyway's).
INSERT INTO catalog.products (sku, name, price, currency, updated_at) VALUES
    ('IPOD2008GREEN', 'IPod Nano - 8gb, green', 199.00, 'USD', '2026-11-01T09:00:00Z'),
    ('IPOD2008RED', 'IPod Nano - 8gb, red', 199.00, 'USD', '2026-11-01T09:00:00Z'),
    ('CASE-LEATHER', 'Leather case', 29.50, 'USD', '2026-11-02T09:00:00Z')
ON CONFLICT (sku) DO NOTHING;
INSERT INTO catalog.inventory (sku, on_hand) VALUES
    ('IPOD2008GREEN', 12), ('IPOD2008RED', 0), ('CASE-LEATHER', 140)
ON CONFLICT (sku) DO NOTHING;
