-- Latency sketch functions (contracts §4), the SQL twin of the Java package
-- io.pitchey.aggregator.sketch: the same bins, and bit-identical quantiles, for every value the
-- pipeline produces (integer microseconds). testdata/sketch-vectors.json pins both sides: the SQL
-- tests (io.pitchey.sql.SketchFunctionsTest) check every vector against these functions.
--
-- A sketch (metrics.latency_sketch, migration V2) counts values per logarithmic bin: with relative
-- accuracy α = 0.01 and γ = (1 + α) / (1 − α), bin i holds the values v (µs) with γ^i <= v < γ^(i+1).
-- Values below 1 µs go to zero_count. An empty sketch has count 0 and min_us/max_us NULL (or NaN, as
-- Java writes them); every function here ignores min/max of empty sketches.
--
-- Plain PostgreSQL 15+, no extensions. Functions that must reject bad input are PL/pgSQL (for RAISE);
-- the rest are SQL.
--
-- Why the float arithmetic matches Java's:
-- * The constants are Java's doubles, written as the shortest decimal that reads back as the same
--   double (Java's Double.toString). PostgreSQL parses a float8 literal with strtod, which rounds
--   correctly, so it gets the very same double. They are written as typed literals
--   (double precision '...'), never as numeric literals that an implicit cast would convert.
-- * Each operator (*, /, -) is one IEEE 754 double operation with round-to-nearest in both languages;
--   PostgreSQL evaluates them one function call at a time, so no fused multiply-add can creep in.
-- * ln() and exp() come from glibc here and from HotSpot's intrinsics in Java. They are not
--   correctly rounded and do differ in the last bit for some arguments, so:
--   - bins: every integer in 1 µs..1 h lies at least 5.9e-11 index units from a bin boundary, about
--     200 times the rounding error of ln(v) * multiplier, so any faithful ln gives the same bin
--     (SketchBinsTest checks that margin; the vectors list the integers on both sides of every
--     boundary);
--   - representatives: exp differs from Java's in the last bit for a few bins (4 of the 2,184 bins
--     on x86-64 with glibc 2.36), so both sides round the representative to 32 significant bits,
--     which absorbs such 1-ulp differences; the vectors list every bin's representative.

-- The sketch_bin of v: ⌊ln(v) · multiplier⌋ for v in [1, 2^63], NULL for v in [0, 1) (the zero count).
create function metrics.sketch_bin(micros double precision) returns integer
    language plpgsql immutable strict parallel safe
as $$
begin
    -- 9223372036854775808 = 2^63 = (double) Long.MAX_VALUE, the largest value Java accepts.
    -- NaN fails both tests: PostgreSQL orders NaN above every number, including 2^63.
    if micros >= 1 and micros <= double precision '9223372036854775808' then
        -- 49.99833328888678 is the multiplier of sketches-java's LogarithmicMapping(0.01),
        -- 1 / log1p(γ − 1), exactly 49.9983332888867835208657197654247283935546875.
        -- Java truncates the (non-negative) product to int, which is floor.
        return floor(ln(micros) * double precision '49.99833328888678')::integer;
    elsif micros >= 0 and micros < 1 then
        return null;
    end if;
    raise exception 'latency sketch values are microseconds in [0, 2^63], got %', micros
        using errcode = 'numeric_value_out_of_range';
end
$$;
comment on function metrics.sketch_bin(double precision) is
    'The latency sketch bin of a value in µs (contracts §4): floor(ln(v) * 49.99833328888678), the index of '
    'sketches-java''s LogarithmicMapping(0.01); NULL for values below 1 µs, which sketches count in zero_count.';

-- The value that stands for every value of a bin: γ^i · (1 + α) as LogarithmicMapping.value computes
-- it, exp(i / multiplier) · (1 + α), then rounded to 32 significant bits like Java's
-- SketchBins.representative (see the header). Within α + 2^-32 of every value of the bin.
create function metrics.sketch_bin_value(bin integer) returns double precision
    language plpgsql immutable strict parallel safe
as $$
declare
    representative double precision;
    scaled double precision;
begin
    -- 2183 = sketch_bin(2^63): the bins of valid values
    if bin < 0 or bin > 2183 then
        raise exception 'latency sketch bins are in [0, 2183], got %', bin
            using errcode = 'numeric_value_out_of_range';
    end if;
    -- 1.01 = 1 + (γ − 1) / (γ + 1), the relative accuracy as sketches-java recomputes it from γ
    representative := exp(bin::double precision / double precision '49.99833328888678') * double precision '1.01';
    -- Veltkamp splitting: with 2097153 = 2^21 + 1, scaled - (scaled - x) is x rounded to nearest
    -- with a 53 - 21 = 32-bit significand, using only exactly specified IEEE operations.
    scaled := representative * double precision '2097153';
    return scaled - (scaled - representative);
end
$$;
comment on function metrics.sketch_bin_value(integer) is
    'The representative value (µs) of a latency sketch bin: gamma^bin * 1.01, rounded to 32 significant bits '
    'exactly as the Java sketch does, so quantiles agree bit for bit.';

-- A sketch of raw values (µs). NULL elements are ignored, like aggregates ignore NULLs; negative, NaN,
-- infinite and > 2^63 values are rejected by sketch_bin. The sum adds the values in array order, as
-- the Java sketch does (exact for integers while the sum is below 2^53).
create function metrics.sketch_of(micros double precision[]) returns metrics.latency_sketch
    language sql immutable strict parallel safe
as $$
    with v as materialized (  -- materialized: sketch_bin runs once per value
        select x, position, metrics.sketch_bin(x) as bin
        from unnest(micros) with ordinality as u(x, position)
        where x is not null
    ), binned as (
        select bin, count(*) as n from v where bin is not null group by bin
    )
    select row(
        (select count(*) from v where bin is null),
        (select coalesce(array_agg(bin order by bin), '{}') from binned),
        (select coalesce(array_agg(n order by bin), '{}') from binned),
        (select min(x) from v),
        (select max(x) from v),
        (select coalesce(sum(x order by position), 0) from v),
        (select count(*) from v)
    )::metrics.latency_sketch
$$;
comment on function metrics.sketch_of(double precision[]) is
    'A latency sketch of raw values in µs (NULLs ignored), e.g. metrics.sketch_of(array_agg(duration_us)).';

-- Merges sketches: the sketch of all their values together. NULL elements are ignored; min/max of
-- empty sketches (NULL or NaN) do not count. Set-based: one unnest and group by, however many inputs.
create function metrics.sketch_merge(sketches metrics.latency_sketch[]) returns metrics.latency_sketch
    language sql immutable strict parallel safe
as $$
    with s as (
        select * from unnest(sketches) where count is not null
    ), binned as (
        select bin, sum(n)::bigint as n
        from s cross join lateral unnest(s.bins, s.counts) as u(bin, n)
        group by bin
    )
    select row(
        (select coalesce(sum(zero_count), 0)::bigint from s),
        (select coalesce(array_agg(bin order by bin), '{}') from binned),
        (select coalesce(array_agg(n order by bin), '{}') from binned),
        (select min(min_us) from s where count > 0),
        (select max(max_us) from s where count > 0),
        (select coalesce(sum(sum_us), 0) from s),
        (select coalesce(sum(count), 0)::bigint from s)
    )::metrics.latency_sketch
$$;
comment on function metrics.sketch_merge(metrics.latency_sketch[]) is
    'Merges latency sketches into the sketch of all their values (NULL elements ignored).';

-- The aggregate form: collects the group's sketches and merges them once, set-based.
create aggregate metrics.sketch_merge(metrics.latency_sketch) (
    sfunc = array_append,
    stype = metrics.latency_sketch[],
    initcond = '{}',
    finalfunc = metrics.sketch_merge,
    combinefunc = array_cat,
    parallel = safe
);
comment on aggregate metrics.sketch_merge(metrics.latency_sketch) is
    'Aggregate: merges the latency sketches of a group, e.g. metrics.sketch_merge(latency) ... group by route.';

-- The q-quantile (µs) of a sketch: the representative of the bin holding the value at 0-based rank
-- floor(q * (count - 1)) of the sorted values, clamped to [min_us, max_us]; NULL for an empty sketch.
-- The rank is computed with the same double arithmetic as LatencySketch.quantile.
create function metrics.sketch_quantile(sketch metrics.latency_sketch, q double precision) returns double precision
    language plpgsql immutable strict parallel safe
as $$
declare
    target bigint;
    seen bigint;
    bin integer;
    n bigint;
    representative double precision;
begin
    -- NaN fails too (PostgreSQL orders NaN above 1); checked before emptiness so that a wrong q
    -- never goes unnoticed on quiet routes
    if not (q >= 0 and q <= 1) then
        raise exception 'the quantile q must be in [0, 1], got %', q using errcode = 'invalid_parameter_value';
    end if;
    if sketch.count is null or sketch.count = 0 then
        return null;
    end if;
    target := floor(q * (sketch.count - 1)::double precision)::bigint;
    if target < sketch.zero_count then
        representative := 0;  -- values below 1 µs; the clamp below lifts it to min_us
    else
        seen := sketch.zero_count;
        for bin, n in select * from unnest(sketch.bins, sketch.counts) loop
            seen := seen + n;
            if seen > target then
                representative := metrics.sketch_bin_value(bin);
                exit;
            end if;
        end loop;
        if representative is null then
            raise exception 'inconsistent latency sketch: count % but zero_count + sum(counts) = %', sketch.count, seen
                using errcode = 'data_corrupted';
        end if;
    end if;
    return least(greatest(representative, sketch.min_us), sketch.max_us);
end
$$;
comment on function metrics.sketch_quantile(metrics.latency_sketch, double precision) is
    'The q-quantile (µs, q in [0, 1]) of a latency sketch, within 1 % of the exact value at rank floor(q * (n - 1)); '
    'NULL when empty.';

-- The q-quantile of many sketches merged: metrics.sketch_quantile(array_agg(latency), 0.95).
create function metrics.sketch_quantile(sketches metrics.latency_sketch[], q double precision) returns double precision
    language sql immutable strict parallel safe
as $$
    select metrics.sketch_quantile(metrics.sketch_merge(sketches), q)
$$;
comment on function metrics.sketch_quantile(metrics.latency_sketch[], double precision) is
    'The q-quantile (µs) of latency sketches merged, e.g. metrics.sketch_quantile(array_agg(latency), 0.95).';
