"""The insights views, one module per area: analytics (lägesbild page,
exports, yearly report), walks, survey and promises (medborgarlöften)."""
