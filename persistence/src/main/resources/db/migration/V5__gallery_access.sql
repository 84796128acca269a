-- Galleries restricted to named callers (user names, key:<prefix>, external subjects). No row: open to every role
-- that may do the operation.
create table gallery_access (
    gallery_id uuid not null,
    principal varchar(200) not null,
    constraint gallery_access_pk primary key (gallery_id, principal),
    constraint gallery_access_gallery_fk foreign key (gallery_id) references galleries (id) on delete cascade
);
