#!/bin/sh
# sync.sh - import --sync: the rows of a territory that a re-imported sheet no
# longer holds are deleted after a summary and a confirmation (a terminal,
# or --yes; neither: refused, nothing changed); a flow whose code changed in
# a sheet that gives its id is the same flow, updated.
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import

setup_db() {
    "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1
}

count() { sqlite3 symbiose.db "$1"; }

# T2 holds A2 and A3; the new sheet of T2 keeps only A2.
t2_sheet() {
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\n" >t2.csv &&
        printf "A2,Chaufferie municipale,,35.30Z,public,T2,2 rue de la Paix,67482,48.5734,7.7521\n" >>t2.csv
}

test_expect_success 'without a terminal and without --yes, --sync refuses and changes nothing' '
    setup_db && t2_sheet &&
    expect_status 1 "$SYMBIOSE" import actors t2.csv --sync </dev/null >out 2>err &&
    grep -q "1 actor of territory T2 is not in t2.csv and will be deleted, with 1 flow and 0 contacts: A3" err &&
    grep -q "add --yes" err &&
    [ "$(count "select count(*) from actor")" -eq 3 ] &&
    [ "$(count "select count(*) from flow")" -eq 4 ]
'

test_expect_success '--sync --yes deletes the actor the sheet dropped, with its flows, and keeps T1' '
    setup_db && t2_sheet &&
    "$SYMBIOSE" import actors t2.csv --sync --yes </dev/null >out 2>err &&
    grep -q "will be deleted" err && grep -q "1 row no longer in the file deleted" out &&
    [ "$(count "select group_concat(id) from (select id from actor order by id)")" = "A1,A2" ] &&
    [ "$(count "select count(*) from flow where actor_id = '\''A3'\''")" -eq 0 ] &&
    [ "$(count "select count(*) from flow")" -eq 3 ]
'

test_expect_success 'on a terminal, --sync asks; "n" keeps everything, "o" (oui) deletes' '
    setup_db && t2_sheet &&
    cat >ask_on_pty.py <<-PY &&
	import os, pty, sys
	pid, fd = pty.fork()
	if pid == 0:
	    os.execv(sys.argv[1], sys.argv[1:])
	out = b""
	while b"[y/N]" not in out:
	    chunk = os.read(fd, 1024)
	    if not chunk:
	        break
	    out += chunk
	os.write(fd, (sys.stdin.readline()).encode())
	try:
	    while True:
	        chunk = os.read(fd, 1024)
	        if not chunk:
	            break
	        out += chunk
	except OSError:
	    pass
	_, status = os.waitpid(pid, 0)
	sys.stdout.write(out.decode())
	sys.exit(os.WEXITSTATUS(status))
	PY
    echo n | expect_status 1 python3 ask_on_pty.py "$SYMBIOSE" import actors t2.csv --sync >o1 &&
    grep -q "Delete them" o1 && grep -q "not confirmed" o1 &&
    [ "$(count "select count(*) from actor")" -eq 3 ] &&
    echo o | python3 ask_on_pty.py "$SYMBIOSE" import actors t2.csv --sync >o2 &&
    grep -q "1 row no longer in the file deleted" o2 &&
    [ "$(count "select count(*) from actor")" -eq 2 ]
'

test_expect_success '--sync --dry-run says what would go and deletes nothing' '
    setup_db && t2_sheet &&
    "$SYMBIOSE" import actors t2.csv --sync --dry-run </dev/null >out 2>err &&
    grep -q "1 row no longer in the file would be deleted" out &&
    [ "$(count "select count(*) from actor")" -eq 3 ]
'

test_expect_success 'flows --sync deletes the flows of the territory the sheet dropped' '
    setup_db &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality\n" >f.csv &&
    printf "A1,supply,02 04 01,Terre,12000,t,year,solid,public\n" >>f.csv &&
    "$SYMBIOSE" import flows f.csv --sync --yes </dev/null >out 2>err &&
    grep -q "1 flow of territory T1 is not in f.csv" err &&
    [ "$(count "select count(*) from flow where actor_id = '\''A1'\''")" -eq 1 ] &&
    [ "$(count "select count(*) from flow")" -eq 3 ]
'

test_expect_success '--sync with rows of two territories needs --territory' '
    setup_db &&
    expect_status 1 "$SYMBIOSE" import actors "$FIX/actors.csv" --sync --yes </dev/null 2>err &&
    grep -q "give --territory T" err &&
    "$SYMBIOSE" import actors "$FIX/actors.csv" --sync --territory T1 --yes </dev/null >out &&
    [ "$(count "select count(*) from actor")" -eq 3 ]
'

test_expect_success 'a flow whose code changed in a sheet with its id is updated, not duplicated' '
    setup_db &&
    printf "id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality\n" >f.csv &&
    printf "cendres,A1,supply,10 01 01,Cendres,4500,t,year,solid,public\n" >>f.csv &&
    "$SYMBIOSE" --quiet import flows f.csv >/dev/null 2>&1 &&
    sed -i "s/10 01 01/10 01 02/" f.csv &&
    "$SYMBIOSE" import flows f.csv >out 2>&1 && grep -q "0 new, 1 updated" out &&
    [ "$(count "select count(*) from flow where id = '\''cendres'\''")" -eq 1 ] &&
    [ "$(count "select code from flow where id = '\''cendres'\''")" = "10 01 02" ] &&
    [ "$(count "select count(*) from flow where actor_id = '\''A1'\'' and quantity = 4500 and unit = '\''t'\''")" -eq 1 ]
'

test_done
