#!/bin/sh
# PostgreSQL roles of the production shape (docker-compose.yml mounts this in
# /docker-entrypoint-initdb.d; it runs once, when the data volume is created).
#   tryggsam_owner  the migration role: owns the database and every table; only
#                   the one-shot `migrate` service connects with it.
#   tryggsam_app    the application role (web, worker, beat): owns nothing; after
#                   each migrate, `manage.py db_grant_app_role tryggsam_app` grants
#                   it the tables, and on the access log only INSERT and SELECT.
# Passwords go through psql variables (:'name'), which quotes them.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$TRYGGSAM_OWNER_PASSWORD" -v app_password="$TRYGGSAM_APP_PASSWORD" \
     -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE tryggsam_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE tryggsam_app LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
ALTER DATABASE :"db" OWNER TO tryggsam_owner;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO tryggsam_app;
SQL
