from timeline_tui.cli import main

raise SystemExit(main())
