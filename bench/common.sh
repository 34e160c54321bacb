# Shared by bench/ratios and bench/soak (sourced, not run): installs the load generators when missing, keeps a
# work folder and the started processes, and starts the Hemera stand-in and the Release service from its output
# folder with Production settings. Callers set `text` (characters per text field) before sourcing if not 300.
text=${text:-300}
token=bench-admin-token

# Callers may set extra_packages (Debian package names) before sourcing, to be installed with the load generators.
missing=("${extra_packages[@]}")
command -v curl >/dev/null || missing+=(curl)
command -v wrk >/dev/null || missing+=(wrk)
command -v h2load >/dev/null || missing+=(nghttp2-client)
if ((${#missing[@]})); then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work=$(mktemp -d)
pids=()
service_env=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

log() { printf '%s\n' "$*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "n/a"), (b > 0 ? a / b : 0)}'; }

build_release() { # also the bare Kestrel app with "bare"
  log "== Building (Release)"
  dotnet publish Aither.Service -c Release -o "$work/service" --nologo -v quiet >/dev/null
  dotnet build Aither.Benchmarks -c Release -o "$work/benchmarks" --nologo -v quiet >/dev/null
  if [ "${1:-}" = bare ]; then dotnet publish bench/BareKestrel -c Release -o "$work/bare" --nologo -v quiet >/dev/null; fi
}

# The stand-in prints "url=… apiKey=… courseId=… detailJsonBytes=…" once it listens; it serves until stdin closes.
start_hemera() { # participants → sets hemera_pid, hemera_url, hemera_key, course_id, json_bytes
  local fifo="$work/hemera-$1.in" out="$work/hemera-$1.out"
  mkfifo "$fifo"
  "$work/benchmarks/Aither.Benchmarks" --hemera-stand-in "$1" "$text" <"$fifo" >"$out" 2>&1 &
  hemera_pid=$!
  pids+=("$hemera_pid")
  exec {hold}>"$fifo"
  until grep -q '^url=' "$out"; do sleep 0.2; done
  read -r hemera_url hemera_key course_id json_bytes < <(sed -n 's/^url=\(.*\) apiKey=\(.*\) courseId=\(.*\) detailJsonBytes=\(.*\)$/\1 \2 \3 \4/p' "$out")
}

wait_for_answer() { # url, auth header → prints ms from now until the first HTTP answer
  local start; start=$(now_ms)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$2" "$1" || true)" != "000" ]; do sleep 0.005; done
  echo $(($(now_ms) - start))
}

# Callers may set service_dir (another build's output folder) and service_env (extra NAME=value settings).
start_service() { # participants → sets service_pid, rest, grpc, startup_ms
  rest=$(free_port) grpc=$(free_port)
  rm -rf "$work/output" "$work/data"
  local start; start=$(now_ms)
  (cd "${service_dir:-$work/service}" && exec env "${service_env[@]}" ASPNETCORE_ENVIRONMENT=Production AITHER_ADMIN_TOKEN=$token \
    HEMERA_API_BASE_URL="$hemera_url" HEMERA_API_KEY="$hemera_key" HEMERA_MAX_RESPONSE_BYTES=268435456 \
    HTML_OUTPUT_DIR="$work/output" Kestrel__Endpoints__Rest__Url="http://127.0.0.1:$rest" \
    Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$grpc" ./Aither.Service >"$work/service-$1.log" 2>&1) &
  service_pid=$!
  pids+=("$service_pid")
  wait_for_answer "http://127.0.0.1:$rest/api/sync" "Authorization: Bearer $token" >/dev/null
  startup_ms=$(($(now_ms) - start))
}

stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

wrk_rps() { # url [seconds, default $load] → requests per second of GET url with the admin token; any error answer fails
  local out; out=$(wrk -t2 -c32 -d"${2:-$load}s" -H "Authorization: Bearer $token" "$1")
  if [[ "$out" == *Non-2xx* ]]; then log "wrk got error answers from $1:"; log "$out"; exit 1; fi
  awk '/^Requests\/sec:/ {printf "%d", $2}' <<<"$out"
}

status() { curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$rest/api/sync"; }

sync_once() { # force (true/false) → prints the finished job's JSON data
  curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$rest/api/sync?force=$1"
  local body
  while body=$(status) && [[ "$body" == *'"status":"running"'* ]]; do sleep 0.01; done
  [[ "$body" == *'"status":"success"'* ]] || { log "sync failed: $body"; exit 1; }
  echo "$body"
}

