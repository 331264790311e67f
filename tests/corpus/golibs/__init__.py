"""Python home of the corpus libraries: golibs.<package> for each Go package."""
