from kc_tracker.cli import main

if __name__ == "__main__":  # not when a process started by `kc check` imports it (Windows)
    main()
