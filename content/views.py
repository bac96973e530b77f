"""Public views of content that are not pages."""

from django.shortcuts import render

from content.models.search import MAX_QUERY_LENGTH, search_pages


def search(request):
    """`/<code>/search/?q=…`: material in any language, accents optional."""
    query = request.GET.get("q", "").strip()
    too_long = len(query) > MAX_QUERY_LENGTH
    results = search_pages(query) if query else []
    return render(
        request,
        "content/search.html",
        {"query": query, "results": results, "too_long": too_long},
    )
