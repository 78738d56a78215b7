"""OneWindow platform: Django project and public-schema apps."""
