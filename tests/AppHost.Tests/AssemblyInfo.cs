// Aspire's testing builder runs the app host's entry point and catches the app builder created meanwhile through a
// process-wide diagnostic listener, so a builder another test creates at that moment could be caught instead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
