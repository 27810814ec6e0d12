// The glue of the corpus's api spec; never compiled by these tests.
