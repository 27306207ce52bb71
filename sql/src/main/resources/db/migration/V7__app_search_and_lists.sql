-- What the full API needs of the app schema: a synopsis to search, a full-text index over the
-- pitch's words, and indexes for the pitch lists' filters and sort orders.

alter table app.pitches add column synopsis text not null default '';

-- Weighted so a word in the title ranks above one in the logline, above one in the synopsis.
-- A stored generated column: written with the row (COPY included), never out of date.
alter table app.pitches add column search_vector tsvector generated always as (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', logline), 'B')
    || setweight(to_tsvector('english', synopsis), 'C')
) stored;
create index pitches_search_idx on app.pitches using gin (search_vector);

-- The lists: newest first within a status, optionally within a genre; most viewed first.
create index pitches_status_created_idx on app.pitches (status, created_at desc, id desc);
create index pitches_genre_status_created_idx on app.pitches (genre, status, created_at desc, id desc);
create index pitches_status_views_idx on app.pitches (status, view_count desc, id desc);
