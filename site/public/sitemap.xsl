<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows the XML sitemaps (sitemap-index.xml, sitemap-0.xml …) as pages in a browser. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat" />
  <xsl:template match="/">
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>XML 网站地图 · 产改门户</title>
        <link rel="stylesheet" href="/feeds.css" />
      </head>
      <body>
        <main>
          <p class="crumbs"><a href="/">首页</a> › <a href="/sitemap/">网站地图</a> › XML 网站地图</p>
          <h1>XML 网站地图</h1>
          <p class="note">
            这是供搜索引擎读取的网站地图。想浏览本站的栏目、地区和指标，请看<a href="/sitemap/">网站地图</a>。
          </p>
          <xsl:apply-templates select="sm:sitemapindex | sm:urlset" />
        </main>
      </body>
    </html>
  </xsl:template>
  <xsl:template match="sm:sitemapindex">
    <p>共 <xsl:value-of select="count(sm:sitemap)" /> 个分卷：</p>
    <ol class="items">
      <xsl:for-each select="sm:sitemap">
        <li><a href="{sm:loc}"><xsl:value-of select="sm:loc" /></a></li>
      </xsl:for-each>
    </ol>
  </xsl:template>
  <xsl:template match="sm:urlset">
    <p>共 <xsl:value-of select="count(sm:url)" /> 个页面：</p>
    <ol class="items urls">
      <xsl:for-each select="sm:url">
        <li><a href="{sm:loc}"><xsl:value-of select="sm:loc" /></a></li>
      </xsl:for-each>
    </ol>
  </xsl:template>
</xsl:stylesheet>
