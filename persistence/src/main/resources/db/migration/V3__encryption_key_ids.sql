-- Encryption at rest (issue 4). The embedding column now holds an AES-256-GCM envelope (see KeyRing) whose header
-- names its key; these columns repeat the key ids of a face's embedding and image so that key rotation can count and
-- find what is not yet under the current key without reading every row. Null: written before encryption
-- (legacy plaintext), which rotation encrypts.
alter table faces add column embedding_key_id varchar(16);
alter table faces add column image_key_id varchar(16);

create index faces_embedding_key_id_idx on faces (embedding_key_id, id);
create index faces_image_key_id_idx on faces (image_key_id, image_key);
