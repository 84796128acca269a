-- An API key may be bound to one gallery: the face collection its CompreFace-compatible recognition calls work in.
-- Deleting the gallery unbinds the key (its recognition calls are then refused), it does not revoke it.
alter table api_keys add column gallery_id uuid;
alter table api_keys add constraint api_keys_gallery_fk foreign key (gallery_id) references galleries (id)
    on delete set null;
