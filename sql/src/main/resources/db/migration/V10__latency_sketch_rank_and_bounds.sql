-- Two accessors of latency sketches (contracts §4) that analysts need beside sketch_quantile:
-- the quantile with its error bound, and the rank ("share of requests at or under 100 ms").
-- Plain SQL and PL/pgSQL like V3: no extension, so they run on any managed PostgreSQL.

-- A quantile and the interval that surely holds the exact value.
create type metrics.sketch_estimate as (
    value_us double precision,  -- the estimate, as metrics.sketch_quantile returns it
    lower_us double precision,  -- the exact order statistic is >= lower_us ...
    upper_us double precision   -- ... and <= upper_us
);
comment on type metrics.sketch_estimate is
    'A latency quantile (µs) with the bounds that hold the exact value at rank floor(q * (n - 1)).';

-- The bounds follow from the bin's guarantee: its representative r is within α of every value x
-- of the bin, |r − x| <= α·x, so r / (1 + α) <= x <= r / (1 − α). α is widened by 2^-32 for the
-- rounding of representatives to 32 significant bits (V3), and the bounds are clamped to the
-- exact min and max. A quantile that falls in the zero count (values below 1 µs) is bounded by
-- [0, 1).
create function metrics.sketch_quantile_bounds(sketch metrics.latency_sketch, q double precision)
    returns metrics.sketch_estimate
    language plpgsql immutable strict parallel safe
as $$
declare
    alpha constant double precision := 0.01 + 2.0 ^ -32;
    value double precision := metrics.sketch_quantile(sketch, q);  -- also checks q
    target bigint;
begin
    if value is null then
        return null;
    end if;
    target := floor(q * (sketch.count - 1)::double precision)::bigint;
    if target < sketch.zero_count then
        return row(value, greatest(0, sketch.min_us), least(1, sketch.max_us))::metrics.sketch_estimate;
    end if;
    -- value is the bin's representative, clamped to [min, max]; the clamp only tightens
    return row(value,
               greatest(value / (1 + alpha), sketch.min_us),
               least(value / (1 - alpha), sketch.max_us))::metrics.sketch_estimate;
end
$$;
comment on function metrics.sketch_quantile_bounds(metrics.latency_sketch, double precision) is
    'The q-quantile (µs) of a latency sketch with lower and upper bounds of the exact value '
    '(within 1 % either way, clamped to min..max); NULL when empty.';

create function metrics.sketch_quantile_bounds(sketches metrics.latency_sketch[], q double precision)
    returns metrics.sketch_estimate
    language sql immutable strict parallel safe
as $$
    select metrics.sketch_quantile_bounds(metrics.sketch_merge(sketches), q)
$$;
comment on function metrics.sketch_quantile_bounds(metrics.latency_sketch[], double precision) is
    'metrics.sketch_quantile_bounds of latency sketches merged, e.g. (metrics.sketch_quantile_bounds(array_agg(latency), 0.99)).upper_us.';

-- The share (0..1) of a sketch's values at or under micros. Exact below min_us (0) and from max_us
-- on (1); otherwise the exact share of values under a threshold within 1.02 % of micros: all bins
-- below micros' bin count, and micros' own bin counts when micros is at or above its
-- representative (then the threshold is the bin's upper end, at most micros / (1 − α); else its
-- lower end, above micros / (1 + α)). Values below 1 µs always count.
create function metrics.sketch_rank(sketch metrics.latency_sketch, micros double precision)
    returns double precision
    language plpgsql immutable strict parallel safe
as $$
declare
    own_bin integer;
    below bigint;
begin
    if sketch.count is null or sketch.count = 0 then
        return null;
    end if;
    if not (micros >= 0) then
        raise exception 'a latency threshold is microseconds >= 0, got %', micros
            using errcode = 'invalid_parameter_value';
    end if;
    if micros >= sketch.max_us then
        return 1;
    end if;
    if micros < sketch.min_us then
        return 0;
    end if;
    own_bin := metrics.sketch_bin(micros);  -- NULL below 1 µs: only the zero count is at or under
    select sketch.zero_count + coalesce(sum(n), 0) into below
      from unnest(sketch.bins, sketch.counts) as b(bin, n)
     where own_bin is not null
       and (b.bin < own_bin or (b.bin = own_bin and micros >= metrics.sketch_bin_value(own_bin)));
    return below::double precision / sketch.count;
end
$$;
comment on function metrics.sketch_rank(metrics.latency_sketch, double precision) is
    'The share (0..1) of a latency sketch''s values at or under micros, e.g. metrics.sketch_rank(latency, 100000) '
    'for "under 100 ms": exact below min and from max on, else the exact share under a threshold within 1.02 % of micros; '
    'NULL when empty. The windows'' exact counters (fast_requests, within_50ms, ...) are exact at their thresholds.';

create function metrics.sketch_rank(sketches metrics.latency_sketch[], micros double precision)
    returns double precision
    language sql immutable strict parallel safe
as $$
    select metrics.sketch_rank(metrics.sketch_merge(sketches), micros)
$$;
comment on function metrics.sketch_rank(metrics.latency_sketch[], double precision) is
    'metrics.sketch_rank of latency sketches merged, e.g. metrics.sketch_rank(array_agg(latency), 250000).';
