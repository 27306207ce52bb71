-- Views per pitch and minute, so "trending" can rank pitches by what was viewed lately rather than
-- by all-time totals. The API's view flusher adds to it in the same statement that adds to
-- app.pitches.view_count, and deletes minutes older than a day.
create table app.pitch_view_minutes (
    pitch_id bigint      not null references app.pitches (id) on delete cascade,
    minute   timestamptz not null,
    views    bigint      not null check (views > 0),
    primary key (pitch_id, minute)
);
create index pitch_view_minutes_minute_idx on app.pitch_view_minutes (minute);

-- The list sorted by title within a status.
create index pitches_status_title_idx on app.pitches (status, title, id);
