"""One facet's values, event by event, as numbers: what counting among a few
matching events reads instead of the events.

`numbers[starts[i]:starts[i + 1]]` are event i's values (each once), as indexes
into `names`. Counting a facet's values among the events a search keeps tallies
their numbers: at a million events and two thousand actors, ANDing every
value's mask with the matches walks 250 MB, and decoding the matching events to
read their actors is slower still.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain


@dataclass(frozen=True, slots=True)
class FacetTable:
    names: Sequence[str]
    """The facet's values, numbered in the order events first have them."""
    starts: array[int]
    """Per event, where its numbers start in `numbers`; then where the last one ends."""
    numbers: array[int]

    @classmethod
    def of(cls, event_values: Iterable[Sequence[str]]) -> FacetTable:
        """The table of these events' values (a value repeated in an event counts once)."""
        numbering: dict[str, int] = {}
        starts, numbers = array("I", [0]), array("I")
        for values in event_values:
            for value in dict.fromkeys(values) if len(values) > 1 else values:
                number = numbering.get(value)
                if number is None:
                    number = numbering[value] = len(numbering)
                numbers.append(number)
            starts.append(len(numbers))
        return cls(list(numbering), starts, numbers)

    def __len__(self) -> int:
        """The number of events."""
        return len(self.starts) - 1

    def fits(self, size: int) -> bool:
        """Whether this is a table of `size` events (a stored one may be of another catalogue)."""
        return len(self.starts) == size + 1 and self.starts[-1] == len(self.numbers)

    def members(self) -> dict[str, array[int]]:
        """Per value, the positions of its events, ascending."""
        positions = [array("I") for _ in self.names]
        starts, numbers = self.starts, self.numbers
        for position in range(len(self)):
            for number in numbers[starts[position] : starts[position + 1]]:
                positions[number].append(position)
        return dict(zip(self.names, positions, strict=True))

    def tally(self, positions: Iterable[int]) -> dict[str, int]:
        """Per value, how many of the events at `positions` have it (every value, 0 included)."""
        starts, numbers = self.starts, self.numbers
        found = Counter(chain.from_iterable(numbers[starts[p] : starts[p + 1]] for p in positions))
        counts = dict.fromkeys(self.names, 0)
        names = self.names
        for number, count in found.items():
            counts[names[number]] = count
        return counts
