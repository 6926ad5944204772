"""Scrapy commands the project replaces (``COMMANDS_MODULE``): each named after its module."""
