#include <valgrind/callgrind.h>
void cg_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_START_INSTRUMENTATION; }
void cg_stop(void) { CALLGRIND_STOP_INSTRUMENTATION; CALLGRIND_DUMP_STATS_AT("measured"); }
/* corpus mode: count only the inspections, across many windows, then dump once */
void cg_resume(void) { CALLGRIND_START_INSTRUMENTATION; }
void cg_pause(void) { CALLGRIND_STOP_INSTRUMENTATION; }
void cg_dump(void) { CALLGRIND_DUMP_STATS_AT("measured"); }
