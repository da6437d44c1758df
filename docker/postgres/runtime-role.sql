-- Run once by the postgres image when it creates the database (docker-entrypoint-initdb.d).
-- The image's POSTGRES_USER (psea) owns the database and runs the migrations; the source serves
-- as psea_app, which the owner grants at each start what serving and loading need, and only
-- INSERT on audit_log (docs/security.md, "Two database roles per source").
CREATE ROLE psea_app LOGIN PASSWORD 'change-me-too' NOSUPERUSER NOCREATEDB NOCREATEROLE;
REVOKE ALL ON DATABASE psea FROM PUBLIC;
GRANT CONNECT ON DATABASE psea TO psea_app;
