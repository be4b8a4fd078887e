# io_export.sh - exporting the whole bench database (sourced by tools/bench.sh).
measure "export (whole store to stdout)" - "$AP" export
figure "export peak memory" "$(mib "$peak")" MiB 64
