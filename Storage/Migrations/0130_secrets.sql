-- Listing of service secrets, projected from the secret grains: names, kinds and the data key version the
-- ciphertext is under (for rotation progress). Values, masks and ciphertexts never leave grain storage.
CREATE TABLE IF NOT EXISTS coworker.secrets (
    tenant_id        text NOT NULL,
    name             text NOT NULL,
    kind             text NOT NULL,
    data_key_version integer NOT NULL,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
