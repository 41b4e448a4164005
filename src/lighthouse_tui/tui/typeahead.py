"""Keys typed ahead, handed on one at a time and in the order they were typed.

Textual sends a key to the widget focused when the key arrives, and runs its binding when the
key has bubbled back up to the app. Typed faster than that journey, a key goes where the
previous key is about to move away from: triage's `y 4` lost the 4 with the question the `y`
removed, and `n 2 ↓ 4` would rate the row the ↓ was leaving. So each key waits until the one
before it has been to the app and back, and a screen changing step (a record being written,
the next item being mounted) holds the keys until the new step is on screen and focused.
"""

from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

CHECK_S = 0.5
"""How often the keys waiting look whether the key before them was lost: a widget removed
with the key still in its queue drops it, and it must not take the keyboard with it."""


class TypedAhead:
    """The app's keys in arrival order: `arrive` is given every key the terminal sends."""

    def __init__(self, app: App[object], send: Callable[[events.Key], Awaitable[None]]) -> None:
        """`send(key)` is the app's own handling of a key (bindings, then the focus)."""
        self._app = app
        self._send = send
        self._waiting: deque[events.Key] = deque()
        self._travelling: events.Key | None = None
        self._at: MessagePump | None = None
        """Where the key travelling is waited for: it is lost if that node closes."""
        self._holds = 0
        self._timer: Timer | None = None

    @property
    def held(self) -> bool:
        """Whether a key typed now would wait rather than be handled."""
        return bool(self._travelling or self._waiting or self._holds)

    def hold(self) -> None:
        """Keep the keys typed from now on until `release`: the screen is changing step."""
        self._holds += 1

    def release(self) -> None:
        """The new step is on screen and focused: the keys kept go to it, in order."""
        self._holds = max(0, self._holds - 1)
        self._app.call_later(self._next)

    async def arrive(self, key: events.Key) -> None:
        self._check_lost()
        if self.held:
            self._waiting.append(key)
            self._watch()
            return
        await self._hand_on(key)

    async def _hand_on(self, key: events.Key) -> None:
        await self._send(key)
        if not key.is_forwarded:
            # Handled by a binding at once: what it started (a dialog's answer, say) runs
            # next, before the key after it.
            self._app.call_next(self._next)
            return
        self._travelling = key
        self._wait_on(key, self._app.focused or self._app.screen)

    def _wait_on(self, key: events.Key, node: MessagePump) -> None:
        """Have `_handled` called on `node` once it has handled `key` (its queue is in order)."""
        self._at = node
        if not node.call_later(self._handled, key, node):
            self._arrived(key)

    def _handled(self, key: events.Key, node: MessagePump) -> None:
        """The key has gone on up to the parent, or stopped here: the app is the last stop."""
        parent = node._parent
        if node is self._app or parent is None:
            self._arrived(key)
        else:
            self._wait_on(key, parent)

    def _arrived(self, key: events.Key) -> None:
        if self._travelling is key:
            self._travelling = None
            self._app.call_next(self._next)

    def _watch(self) -> None:
        if self._timer is None:
            self._timer = self._app.set_timer(CHECK_S, self._unstick)

    def _unstick(self) -> None:
        self._timer = None
        self._check_lost()
        if self._waiting:
            self._watch()

    def _check_lost(self) -> None:
        at = self._at
        if self._travelling is not None and at is not None and (at._closing or at._closed):
            self._arrived(self._travelling)

    async def _next(self) -> None:
        if self._waiting and not (self._travelling or self._holds):
            await self._hand_on(self._waiting.popleft())
