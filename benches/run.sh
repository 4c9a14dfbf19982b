#!/usr/bin/env bash
# Benchmark of diplo against ripgrep on a generated corpus.
#
#   benches/run.sh [--count N] [--seed S] [--dir DIR] [--runs R] [--index-runs R] [--cold]
#                  [--no-build] [--debug] [--no-hyperfine]
#
# Builds the release binaries, generates N readouts with diplo-gen (reused when already there),
# then times, in one run so the ratios are comparable on a noisy machine:
#   diplo index (full rebuild), a no-op refresh, a 100-file refresh (50 changed + 50 added or
#   removed), a set of queries, and `rg -l -i` for the same text on the same folder.
# Prints one table of medians with the diplo/rg ratio, the peak memory of an index and a search
# (/usr/bin/time -v), and the index size against the corpus size.
# Uses hyperfine and rg when installed (apt-get install hyperfine ripgrep); without hyperfine it
# times with `date`, without rg the rg column stays empty. It asserts nothing.
# --cold drops the page cache before every run (needs root). --debug uses the debug build (for CI,
# which only checks that the script still runs: its timings mean nothing).
# The whole script is one block, so bash reads it all before running: editing it mid-run is safe.
{
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000 seed=1 dir=/tmp/diplo-bench runs=10 index_runs=3 cold=0 build=1 profile=release hyperfine=1
while [ $# -gt 0 ]; do
    case "$1" in
        --count) count=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --index-runs) index_runs=$2; shift 2 ;;
        --cold) cold=1; shift ;;
        --no-build) build=0; shift ;;
        --debug) profile=debug; shift ;;
        --no-hyperfine) hyperfine=0; shift ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$build" = 1 ]; then
    if [ "$profile" = release ]; then
        cargo build --release --locked --quiet --bins
    else
        cargo build --locked --quiet --bins
    fi
fi
diplo=$PWD/target/$profile/diplo
gen=$PWD/target/$profile/diplo-gen
corpus=$dir/corpus-$count-$seed
index=$dir/index-$count-$seed
mkdir -p "$dir"

if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    "$gen" --count "$count" --seed "$seed" --out "$corpus" >&2
    touch "$corpus/.complete"
fi

has() { command -v "$1" >/dev/null 2>&1; }
drop_caches='sync; echo 3 > /proc/sys/vm/drop_caches'
if [ "$cold" = 1 ] && ! sh -c "$drop_caches" 2>/dev/null; then
    echo "run.sh: --cold needs root (to write /proc/sys/vm/drop_caches)" >&2
    exit 2
fi

# median_of CMD [PREPARE] [RUNS] [WARMUP]: the median wall time of CMD in seconds.
median_of() {
    local cmd=$1 prepare=${2:-true} n=${3:-$runs} warmup=${4:-$((1 - cold))}
    if [ "$cold" = 1 ]; then prepare="$prepare; $drop_caches"; fi
    if [ "$hyperfine" = 1 ] && has hyperfine; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --runs "$n" --warmup "$warmup" -N --ignore-failure \
            --prepare "sh -c '$prepare'" --export-csv "$csv" "$cmd" >/dev/null 2>&1 \
            || hyperfine --style none --runs "$n" --warmup "$warmup" --ignore-failure \
                --prepare "$prepare" --export-csv "$csv" "$cmd" >/dev/null
        awk -F, 'NR == 2 { print $4 }' "$csv"
        rm -f "$csv"
    else
        local i t0 t1
        for ((i = 0; i < n; i++)); do
            sh -c "$prepare"
            t0=$(date +%s%N)
            sh -c "$cmd" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000))
        done | sort -n | awk '{ a[NR] = $1 } END { printf "%.6f\n", a[int((NR + 1) / 2)] / 1e6 }'
    fi
}

# peak_mib CMD: the peak resident memory of CMD in MiB.
peak_mib() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v sh -c "$1" 2>&1 >/dev/null \
            | awk -F: '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }'
    else
        echo "?"
    fi
}

fmt_time() { # seconds -> "12.3 ms" or "1.23 s"
    awk -v t="$1" 'BEGIN { if (t == "") print "-"; else if (t < 1) printf "%.1f ms", t * 1000; else printf "%.2f s", t }'
}

rows=()
row() { # NAME DIPLO_SECONDS [RG_SECONDS]
    local ratio="-"
    if [ -n "${3:-}" ]; then ratio=$(awk -v d="$2" -v r="$3" 'BEGIN { printf "%.3f", d / r }'); fi
    rows+=("| $1 | $(fmt_time "$2") | $(fmt_time "${3:-}") | $ratio |")
}

d="$diplo --index $index"

echo "indexing $count readouts once to warm up..." >&2
rm -rf "$index"
index_peak=$(peak_mib "$d index --quiet $corpus")
row "diplo index (full, --rebuild)" "$(median_of "$d index --rebuild --quiet $corpus" true "$index_runs" 0)"
# The floor for a full index, timed in the same run: the machine is shared and its speed drifts,
# so the index time is best read against this.
row "reading every file (cat), the floor for a full index" \
    "$(median_of "sh -c 'find $corpus -name \"*.txt\" -print0 | xargs -0 cat'" true "$index_runs")"
row "diplo index, nothing changed" "$(median_of "$d index --quiet")"

# 100 files per run: 50 rewritten (a sentence appended), 50 removed (renamed away from .txt)
# or put back, alternately.
mutate="$dir/mutate-$count-$seed.sh"
cat >"$mutate" <<EOF
set -e
cd "$corpus"
for f in \$(find . -name '*.txt' | sort | head -n 50); do
    echo "The two sides agreed to stay in touch (\$(date +%s%N))." >>"\$f"
done
if [ -n "\$(find . -name '*.txt.removed' | head -n 1)" ]; then
    for f in \$(find . -name '*.txt.removed'); do mv "\$f" "\${f%.removed}"; done
else
    for f in \$(find . -name '*.txt' | sort | tail -n 50); do mv "\$f" "\$f.removed"; done
fi
EOF
row "diplo index, 100 files changed" "$(median_of "$d index --quiet" "sh $mutate" "$index_runs" 0)"
for f in $(find "$corpus" -name '*.txt.removed'); do mv "$f" "${f%.removed}"; done
$d index --quiet

# name|diplo arguments|rg pattern. The arguments are split as a shell would (hyperfine -N does
# the same), so a phrase keeps its double quotes inside single quotes.
queries=(
    "phrase, 14% of the corpus (top 10)|'\"Korean Peninsula\"'|Korean Peninsula"
    "common word (top 10)|cooperation|cooperation"
    "rare term (top 10)|pangolin|pangolin"
    "rare phrase (top 10)|'\"glacier hydrography\"'|glacier hydrography"
    "two words, both required (top 10)|'trade investment'|trade"
    "phrase --count|'\"Korean Peninsula\"' --count|Korean Peninsula"
    "phrase --sort date|'\"Korean Peninsula\"' --sort date|Korean Peninsula"
    "phrase --type phone_call --from 2018|'\"Korean Peninsula\"' --type phone_call --from 2018|Korean Peninsula"
    "phrase --country USA|'\"Korean Peninsula\"' --country USA|Korean Peninsula"
    "phrase --files (every match)|'\"Korean Peninsula\"' --files|Korean Peninsula"
    "phrase --limit 0 --json (every match)|'\"Korean Peninsula\"' --limit 0 --json|Korean Peninsula"
)
for q in "${queries[@]}"; do
    IFS='|' read -r name args pattern <<<"$q"
    dt=$(median_of "$d search $args")
    rt=""
    if has rg; then rt=$(median_of "rg -l -i -g '*.txt' '$pattern' $corpus"); fi
    row "$name" "$dt" "$rt"
done
# The views: name|diplo arguments (no rg equivalent).
views=(
    "search --speaker Xi, phrase|search '\"Korean Peninsula\"' --speaker Xi"
    "search --speaker Putin, every paragraph (top 10)|search '*' --speaker Putin"
    "stats (every record, counting contacts)|stats"
    "stats --documents|stats --documents"
    "stats of a phrase|stats '\"Korean Peninsula\"'"
    "timeline --participant Xi --participant Putin|timeline --participant Xi --participant Putin"
    "timeline --participant Xi|timeline --participant Xi"
)
for v in "${views[@]}"; do
    IFS='|' read -r name args <<<"$v"
    row "$name" "$(median_of "$d $args")"
done
# diplo serve: the server's own time for a page (its Server-Timing header), median of $runs
# requests after one that warms the cache. Client and network time are not in it.
if has curl; then
    serve_log=$(mktemp)
    $d serve --port 0 >"$serve_log" 2>/dev/null &
    serve_pid=$!
    for _ in $(seq 50); do [ -s "$serve_log" ] && break; sleep 0.1; done
    base=$(head -1 "$serve_log")
    server_seconds() { # PATH
        local i t times=()
        for ((i = 0; i <= runs; i++)); do
            t=$(curl -s -o /dev/null -D - "$base${1#/}" | tr -d '\r' | sed -n 's/^Server-Timing: app;dur=//p')
            if [ "$i" -gt 0 ] && [ -n "$t" ]; then times+=("$t"); fi
        done
        printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { if (NR) print a[int((NR + 1) / 2)] / 1000 }'
    }
    pages=(
        "serve: search page, every record (10 hits, 5 facets)|/?q=*"
        "serve: search page, a phrase|/?q=%22Korean+Peninsula%22"
        "serve: search page, a word, type and country facets applied|/?q=talks&type=phone_call&country=USA"
        "serve: search page 5, newest first|/?q=*&sort=-date&page=5"
        "serve: record page (facts, text, same contact, similar)|/record/$($d search '*' -n 1 --json | sed -n 's/.*\"id\":\"\([0-9a-f]*\)\".*/\1/p' | head -1)"
        "serve: /api/search, a phrase|/api/search?q=%22Korean+Peninsula%22"
        "serve: timeline chart of every contact|/svg/timeline?q=*"
        "serve: network of every contact|/svg/network?q=*"
    )
    for p in "${pages[@]}"; do
        IFS='|' read -r name path <<<"$p"
        row "$name" "$(server_seconds "$path")"
    done
    kill "$serve_pid" 2>/dev/null || true
    rm -f "$serve_log"
fi
search_peak=$(peak_mib "$d search '\"Korean Peninsula\"'")
files_peak=$(peak_mib "$d search '\"Korean Peninsula\"' --files")

corpus_bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
index_bytes=$(du -sb "$index" | cut -f1)
matches=$($d search '"Korean Peninsula"' --count || true)

echo
echo "$count readouts ($(awk -v b="$corpus_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'), seed $seed), $([ "$cold" = 1 ] && echo cold || echo warm) cache, $([ "$hyperfine" = 1 ] && has hyperfine && echo "hyperfine, $runs runs" || echo "date timing, $runs runs"); \"Korean Peninsula\" matches $matches records"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "| task | diplo median | rg -l median | diplo/rg |"
echo "|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "peak memory: index ${index_peak} MiB, search ${search_peak} MiB, search --files ${files_peak} MiB"
echo "index size: $(awk -v i="$index_bytes" -v c="$corpus_bytes" 'BEGIN { printf "%.1f MB = %.2f x the corpus (%.1f MB)", i / 1e6, i / c, c / 1e6 }')"
exit
}
