from lighthouse_tui.entry import main

raise SystemExit(main())
