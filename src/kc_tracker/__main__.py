from kc_tracker.cli import main

main()
