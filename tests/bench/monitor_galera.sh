#!/usr/bin/env bash
# The old way, for comparison: every second, the agent's queries through the mariadb client, as
# monitor_galera.sh did. Prints the CPU time of the script and all its children at the end.
# Usage: monitor_galera.sh HOST USER PASSWORD DATADIR CYCLES
host=$1 user=$2 pass=$3 datadir=$4 cycles=$5
q() { mariadb -h "$host" -u "$user" -p"$pass" -N -B -e "$1"; }
for ((i = 0; i < cycles; i++)); do
  next=$(( $(date +%s%N) + 1000000000 ))
  q "SHOW GLOBAL STATUS LIKE 'wsrep%'" >/dev/null
  q "SHOW GLOBAL STATUS WHERE Variable_name IN ('Uptime','Threads_connected','Threads_running','Questions','Com_commit','Com_rollback','Connections','Aborted_connects','Aborted_clients','Max_used_connections','Slow_queries','Innodb_row_lock_waits','Innodb_row_lock_current_waits','Innodb_deadlocks','Innodb_buffer_pool_wait_free','Innodb_data_pending_fsyncs','Open_files')" >/dev/null
  q "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_desync','read_only','wsrep_reject_queries','wsrep_sst_donor_rejects_queries','wsrep_provider_options','wsrep_cluster_name','wsrep_node_name','wsrep_on','innodb_flush_log_at_trx_commit','sync_binlog','version','max_connections')" >/dev/null
  cat "$datadir/grastate.dat" "$datadir/gvwstate.dat" >/dev/null 2>&1 || true
  now=$(date +%s%N)
  [ "$now" -lt "$next" ] && sleep "$(awk -v d=$(( next - now )) 'BEGIN { printf "%.3f", d / 1e9 }')"
done
times
