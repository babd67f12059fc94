"""``python -m arteria compare|plot|view|study``: the analysis behind ``arteria compare``,
``arteria plot``, ``arteria view`` and ``arteria study`` (the C++ CLI hands these subcommands
to this module).

Exit codes follow the CLI: 0 on success, 2 for bad input (a missing or foreign file), 1 for
anything else; errors are one line on stderr.
"""
import argparse
import os
import sys


def _time_of_day(text):
    """"HH:MM", "HH:MM:SS" or seconds, as seconds since midnight (argparse's type)."""
    parts = text.split(":")
    try:
        if len(parts) == 1:
            return float(parts[0])
        if len(parts) in (2, 3):
            numbers = [int(p) for p in parts] + [0] * (3 - len(parts))
            if all(0 <= n < 60 for n in numbers[1:]) and numbers[0] >= 0:
                return float(numbers[0] * 3600 + numbers[1] * 60 + numbers[2])
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' is not a time (HH:MM[:SS] or seconds)")


def _parser():
    parser = argparse.ArgumentParser(prog="arteria", description="Arteria result analysis")
    commands = parser.add_subparsers(dest="command", required=True)
    compare = commands.add_parser("compare", help="compare a variant's result with a baseline")
    compare.add_argument("base", help="baseline result file (HDF5)")
    compare.add_argument("variant", help="variant result file (HDF5)")
    compare.add_argument("--out", "-o", help="folder for CSV tables and PNG figures")
    compare.add_argument("--top", type=int, default=10, help="most-changed links to list")
    compare.add_argument("--from", dest="start", type=_time_of_day, metavar="HH:MM",
                         help="KPI and travel time tables for the trips departing from then")
    compare.add_argument("--to", dest="end", type=_time_of_day, metavar="HH:MM",
                         help="... and before then")
    compare.add_argument("--select-link", metavar="LINK",
                         help="where the traffic over this link comes from and goes to "
                              "(runs written with output.routes = true)")
    plot = commands.add_parser("plot", help="draw a run's map and time series")
    plot.add_argument("run", help="result file (HDF5)")
    plot.add_argument("--out", "-o", help="folder for the figures (default: beside the file)")
    view = commands.add_parser("view", help="write a run as one self-contained web page")
    view.add_argument("run", help="result file (HDF5)")
    view.add_argument("--compare", metavar="BASE", help="a base run: colour by the change")
    view.add_argument("--out", "-o", required=True, help="folder for the page")
    study = commands.add_parser("study", help="run a base and its variants, compare them")
    study.add_argument("files", nargs="+",
                       help="a study file, or with --base the variants' scenario files")
    study.add_argument("--base", help="the base scenario (the files are then its variants)")
    study.add_argument("--out", "-o", required=True, help="the report folder")
    study.add_argument("--threads", type=int, help="cores for the study (0: every core)")
    study.add_argument("--schedule", choices=("auto", "side_by_side", "one_by_one"),
                       help="runs side by side on one thread each, or one at a time")
    study.add_argument("--set", dest="overrides", action="append", default=[],
                       metavar="KEY=VALUE", help="override a value of every scenario")
    access = commands.add_parser("accessibility", help="draw an accessibility table as a map")
    access.add_argument("table", help="accessibility.csv written by `arteria accessibility`")
    access.add_argument("--out", "-o", help="PNG file (default: beside the table)")
    access.add_argument("--title", help="figure title")
    access.add_argument("--place", help="X_M,Y_M of the place (a table of `--at`: isochrones)")
    access.add_argument("--walk-m", type=float, help="walking distance around the place")
    access.add_argument("--minutes", type=float, default=60.0, help="the travel-time budget")
    return parser


def main(argv=None):
    args = _parser().parse_args(argv)
    # Imported here so that `--help` works even where matplotlib is missing.
    from ._arteria import InputError
    try:
        if args.command == "compare":
            from .comparison import compare
            comparison = compare(args.base, args.variant, out_dir=args.out, top_n=args.top,
                                 start_s=args.start, end_s=args.end,
                                 select_link=args.select_link)
            for warning in getattr(comparison, "warnings", ()):  # stderr too: pipes, logs
                print(f"arteria: {warning}", file=sys.stderr)
            print(comparison)
        elif args.command == "view":
            from .web_view import view
            print(f"wrote {view(args.run, args.out, compare=args.compare)}")
        elif args.command == "study":
            print(_study(args).run(args.out))
        elif args.command == "accessibility":
            from .accessibility import draw_accessibility, draw_isochrones
            if args.place:
                place = tuple(float(v) for v in args.place.split(","))
                path = draw_isochrones(args.table, out=args.out, title=args.title, place=place,
                                       walk_m=args.walk_m, minutes=args.minutes)
            else:
                path = draw_accessibility(args.table, out=args.out, title=args.title)
            print(f"wrote {path}")
        else:
            from .plot import plot_run
            for path in plot_run(args.run, out_dir=args.out).values():
                print(f"wrote {path}")
    except BrokenPipeError:
        # The reader went away (`arteria compare ... | head`): not an error of ours.
        sys.stdout = open(os.devnull, "w")
        return 0
    except InputError as error:
        print(f"arteria: error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # one line, as the C++ CLI does, not a traceback
        print(f"arteria: error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


def _study(args):
    from .study import Study
    options = dict(threads=args.threads, schedule=args.schedule, overrides=args.overrides)
    if args.base:
        return Study(base=args.base, variants=args.files, **options)
    if len(args.files) != 1:
        raise ValueError("give one study file, or --base BASE.toml and the variants")
    return Study(args.files[0], **options)


if __name__ == "__main__":
    sys.exit(main())
