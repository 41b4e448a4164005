from lighthouse_tui.cli import main

raise SystemExit(main())
