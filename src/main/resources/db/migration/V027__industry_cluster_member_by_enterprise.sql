-- An enterprise's clusters are read by enterprise (its profile, the demanding enterprise of a match, the rewrite of
-- its memberships on every profile update), but the primary key (cluster_id, enterprise_id) only serves lookups by
-- cluster. H2 indexes every foreign key by itself; PostgreSQL does not.
CREATE INDEX ind_cluster_member_enterprise ON ind_cluster_member (enterprise_id);
