-- One token bucket per vendor for the whole deployment: every instance takes its vendor calls from the same row,
-- so that N instances together stay within the vendor's published limit (VendorBudgets).
CREATE TABLE vendor_budgets (
    vendor     text             PRIMARY KEY,
    tokens     double precision NOT NULL,
    updated_at timestamptz      NOT NULL DEFAULT clock_timestamp()
);
