-- Broker access tokens for the lanes that only read them. Each broker account's token keeper (a live-lane grain)
-- writes the account's current access token here after every refresh, sealed with AES-GCM under the same key as
-- its own state (bound to the account key, so a row cannot be passed off as another account's). The shadow role may
-- read the table and nothing else of the keeper: it can neither refresh nor overwrite a token.
CREATE TABLE broker_access_tokens (
    account_key         text        PRIMARY KEY,
    sealed_access_token bytea       NOT NULL,
    expires_utc         timestamptz NOT NULL,
    updated_utc         timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT ON broker_access_tokens TO aegis_shadow;
