/** The request's review link, opened in a new tab: the shopper's and the moderator's request pages. */
export function ReviewLink({ url }: { url: string }) {
  return (
    <p className="truncate">
      Отзыв:{" "}
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 hover:underline">
        {url}
      </a>
    </p>
  );
}
