# Whole-system ctest entries owned by each area; one include per area.
