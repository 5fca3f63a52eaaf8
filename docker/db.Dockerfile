# PostgreSQL 15 with pgSphere, for compose.yaml.
#
# Tried: the same packages on Debian 12 (postgresql-15 and postgresql-15-pgsphere from Debian),
# with patch-pgsphere.py, which Debian's pgSphere 1.1.1 needs on PostgreSQL >= 15.20.
# Not tried: building this image. The official image takes packages from apt.postgresql.org,
# whose postgresql-15-pgsphere is newer (1.4/1.5) and needs no patch; the script changes
# nothing when the extension scripts are already right.
FROM postgres:15-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-15-pgsphere python3 \
 && rm -rf /var/lib/apt/lists/*
COPY patch-pgsphere.py /usr/local/bin/patch-pgsphere.py
RUN python3 /usr/local/bin/patch-pgsphere.py
