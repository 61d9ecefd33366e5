# Sourced by the cluster bench scripts: starts N OncoSurv nodes from target/oncosurv.jar on a
# fresh PostgreSQL database, clustered and secured (the secret and certificates of
# bench/cluster-certs.sh, which the caller has exported) or not, and stops them again.
# PostgreSQL comes from the libpq settings PGHOST (127.0.0.1), PGPORT (5432), PGUSER (oncosurv),
# PGPASSWORD (oncosurv); the role must be allowed to create databases.
#   nodes_start OUT N CLUSTERED [JAVA_OPTS]   sets NODE_PORTS (HTTP ports), NODE_PIDS, NODE_DB
#   nodes_stop                                kill -9 of the nodes, the database dropped
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-oncosurv}
export PGPASSWORD=${PGPASSWORD:-oncosurv}
NODE_PIDS=(); NODE_PORTS=(); NODE_DB=""
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
nodes_start() {
  local out=$1 n=$2 clustered=$3 opts=${4:-} bus=() members="" i t
  NODE_DB="oncosurv_bench_$RANDOM$RANDOM"; NODE_PORTS=(); NODE_PIDS=()
  psql -q -d postgres -c "CREATE DATABASE $NODE_DB" >/dev/null
  for i in $(seq "$n"); do NODE_PORTS+=("$(free_port)"); bus+=("$(free_port)"); done
  for i in $(seq 0 $((n - 1))); do members+="${members:+,}127.0.0.1:${bus[$i]}"; done
  mkdir -p "$out/none"
  for i in $(seq 0 $((n - 1))); do
    rm -rf "$out/node$i"; mkdir -p "$out/node$i"
    # shellcheck disable=SC2086 # opts are words
    env ONCOSURV_PORT="${NODE_PORTS[$i]}" ONCOSURV_DATA="$out/node$i" ONCOSURV_ADMIN_TOKEN=bench \
      ONCOSURV_COHORTS="$out/none" ONCOSURV_NODE="node$i" \
      ONCOSURV_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$NODE_DB" ONCOSURV_DB_USER="$PGUSER" \
      ONCOSURV_DB_PASSWORD="$PGPASSWORD" ONCOSURV_CLUSTER="$clustered" \
      ONCOSURV_CLUSTER_PORT="${bus[$i]}" ONCOSURV_CLUSTER_MEMBERS="$members" \
      java -Xmx1g $opts -jar target/oncosurv.jar >"$out/node$i.log" 2>&1 &
    NODE_PIDS+=($!)
  done
  for i in $(seq 0 $((n - 1))); do
    for t in $(seq 600); do
      curl -sf "http://127.0.0.1:${NODE_PORTS[$i]}/health" >/dev/null && break
      kill -0 "${NODE_PIDS[$i]}" 2>/dev/null || break; sleep 0.5
    done
    curl -sf "http://127.0.0.1:${NODE_PORTS[$i]}/health" >/dev/null \
      || { echo "node$i did not start:" >&2; tail -n 20 "$out/node$i.log" >&2; return 1; }
  done
}
nodes_stop() {
  local p
  for p in "${NODE_PIDS[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done
  for p in "${NODE_PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done
  NODE_PIDS=()
  [ -z "$NODE_DB" ] || psql -q -d postgres -c "DROP DATABASE IF EXISTS $NODE_DB WITH (FORCE)" \
    >/dev/null 2>&1 || true
  NODE_DB=""
}
